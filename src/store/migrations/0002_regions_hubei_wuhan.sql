-- Hubei -> Wuhan -> its 13 districts (GB/T 2260) and 3 functional zones. The zones have bureaus
-- of their own but no GB/T 2260 code; their local codes are marked standard = 0.
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420000', '湖北省', NULL, 'province', 1, 0);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420100', '武汉市', '420000', 'city', 1, 0);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420102', '江岸区', '420100', 'district', 1, 1);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420103', '江汉区', '420100', 'district', 1, 2);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420104', '硚口区', '420100', 'district', 1, 3);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420105', '汉阳区', '420100', 'district', 1, 4);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420106', '武昌区', '420100', 'district', 1, 5);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420107', '青山区', '420100', 'district', 1, 6);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420111', '洪山区', '420100', 'district', 1, 7);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420112', '东西湖区', '420100', 'district', 1, 8);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420113', '汉南区', '420100', 'district', 1, 9);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420114', '蔡甸区', '420100', 'district', 1, 10);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420115', '江夏区', '420100', 'district', 1, 11);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420116', '黄陂区', '420100', 'district', 1, 12);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420117', '新洲区', '420100', 'district', 1, 13);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420190', '东湖新技术开发区', '420100', 'zone', 0, 14);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420191', '武汉经济技术开发区', '420100', 'zone', 0, 15);
INSERT INTO regions (code, name, parent_code, level, standard, sort) VALUES ('420192', '东湖生态旅游风景区', '420100', 'zone', 0, 16);
